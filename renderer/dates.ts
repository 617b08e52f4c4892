/** Whole years between a date of birth (YYYY-MM-DD) and a day. */
export const ageOn = (dateOfBirth: string, day: Date): number => {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = day.getFullYear() - y;
  if (day.getMonth() + 1 < m || (day.getMonth() + 1 === m && day.getDate() < d)) age--;
  return age;
};
