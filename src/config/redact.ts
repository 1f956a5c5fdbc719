// Removes passwords from connection URLs before anything is printed or stored in a result.

/** `mysql://root:secret@host/db` → `mysql://root:***@host/db`; non-URLs are returned unchanged. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}
