/** Saves text as a file through the browser's (or the desktop app's) download. */
export function saveTextFile(fileName: string, text: string, type = 'text/csv;charset=utf-8') {
  // A byte-order mark, so spreadsheet programs read accents in names correctly.
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
