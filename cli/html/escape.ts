/** Text or an attribute value made safe to place in HTML: the five characters with meaning are escaped. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * JSON for a `<script type="application/json">` element. The HTML parser ends a script at the first
 * `</script`, and `<!--` changes how it reads what follows, so `<`, `>` and `&` are written as JSON
 * escapes (\u003c...), which JSON.parse reads back as the same characters: no value can leave the element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}
