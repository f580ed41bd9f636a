/** Addresses with credentials in them (database, Redis), as logs and messages may show them. */

/**
 * The URL with any password replaced, safe for logs and error messages: the one way every
 * database and Redis address is shown. Generated passwords hold / @ # ? unencoded, which no URL
 * parser reads as a password (the rest of the URL then fails to parse, or the password is read
 * as a host or a path), so the user information is taken to run to the last @. A password given
 * in the query instead (?password=, which pg reads) is hidden too. Over-hiding a host is the
 * price of never showing a password.
 */
export function redactUrl(url: string): string {
  // A file URL has no password.
  if (url.startsWith('file:')) return url;
  let out = url;
  const at = out.lastIndexOf('@');
  if (at !== -1) {
    // From the scheme's //, not the last // before the @: a password may hold two slashes itself.
    const start = /^[a-z][a-z\d+.-]*:\/\//i.exec(out)?.[0].length ?? 0;
    const colon = out.indexOf(':', start);
    // A scheme's colon (user:pw@ without //) is no user name; what follows it is hidden all the same.
    if (colon !== -1 && colon < at) out = `${out.slice(0, colon)}:***${out.slice(at)}`;
  }
  return out.replace(/([?&](?:password|sslpassword|passwd|pass|pwd)=)[^&#]*/gi, '$1***');
}
