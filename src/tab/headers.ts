/** Hosts that may frame the tab: Teams on the web and desktop, and the Microsoft 365 and Outlook hosts of Teams apps. */
export const FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.office.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
] as const;

/**
 * The page loads only its own files. teams-js fetches its list of valid host origins from res.cdn.office.net
 * (and falls back to a built-in list), so that one origin may be fetched too.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https://res.cdn.office.net",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** JSON is data, never a document. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Headers for every tab and API response. No X-Frame-Options: it cannot list several hosts; frame-ancestors does. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}
