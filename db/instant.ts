// Instants as ISO-8601 text, exactly as Date#toISOString writes them, a few times faster: every command
// stamps one, and the date part only changes once a day.
const DAY = 86_400_000;
let cachedDay = NaN;
let cachedDate = '';

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

export function isoInstant(at: Date): string {
  const t = at.getTime();
  // Outside years 0000-9999 toISOString has its own format (and invalid dates throw): leave those to it.
  if (!(t >= -62167219200000 && t <= 253402300799999)) return at.toISOString();
  const day = Math.floor(t / DAY);
  if (day !== cachedDay) {
    cachedDate = at.toISOString().slice(0, 10);
    cachedDay = day;
  }
  const ms = t - day * DAY;
  return `${cachedDate}T${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:${two(Math.floor(ms / 1000) % 60)}.${three(ms % 1000)}Z`;
}
