/** Text and attribute values for the JUnit files: escaped, and holding only characters XML 1.0 allows. */

// XML 1.0 allows tab, newline and carriage return, and no other control character (an ANSI colour
// in a tool's stderr, say); lone surrogates and U+FFFE/U+FFFF are not characters at all.
const notXml =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` escaped for an attribute or element, each character XML cannot hold replaced by U+FFFD. */
export function xmlText(text: string): string {
  return text
    .replace(notXml, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
