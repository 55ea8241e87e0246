// Hands data to the browser as a file to save — an object URL on a temporary
// <a download> link — the way a static page offers a download with no server.
// Used for captures, statistics (CSV) and lab reports.

export function downloadFile(fileName: string, data: Uint8Array | string, type: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download holds its own reference to the data once it has started;
  // the URL is released a minute later, long after any browser has taken it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
