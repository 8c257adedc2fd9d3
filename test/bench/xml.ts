// A strict check that a document is well-formed XML, enough for the SVG the
// report writes: every tag closed in order, attributes quoted and unique,
// no bare `<` or `&` in text or attribute values. Returns the element names
// in document order, or throws saying where the document goes wrong.

const NAME = "[A-Za-z_][\\w.:-]*";
const ATTR = new RegExp(`\\s+(${NAME})\\s*=\\s*("[^"<]*"|'[^'<]*')`, "y");
const ENTITY = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

export function checkXml(doc: string): string[] {
  const elements: string[] = [];
  const open: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}: ${JSON.stringify(doc.slice(i, i + 40))}`);
  };
  if (doc.startsWith("<?xml")) i = doc.indexOf("?>") + 2;
  while (i < doc.length) {
    const lt = doc.indexOf("<", i);
    const text = doc.slice(i, lt === -1 ? doc.length : lt);
    if (ENTITY.test(text)) fail("bare & in text");
    if (open.length === 0 && text.trim() !== "") fail("text outside the root element");
    if (lt === -1) break;
    i = lt;
    const close = new RegExp(`</(${NAME})\\s*>`, "y");
    close.lastIndex = i;
    const c = close.exec(doc);
    if (c) {
      if (open.pop() !== c[1]) fail(`</${c[1]}> does not close the open element`);
      i = close.lastIndex;
      continue;
    }
    const start = new RegExp(`<(${NAME})`, "y");
    start.lastIndex = i;
    const s = start.exec(doc);
    if (!s) fail("malformed tag");
    if (open.length === 0 && elements.length > 0) fail("a second root element");
    i = start.lastIndex;
    const seen = new Set<string>();
    for (;;) {
      ATTR.lastIndex = i;
      const a = ATTR.exec(doc);
      if (!a) break;
      if (seen.has(a[1]!)) fail(`duplicate attribute ${a[1]}`);
      if (ENTITY.test(a[2]!)) fail("bare & in an attribute");
      seen.add(a[1]!);
      i = ATTR.lastIndex;
    }
    const end = /\s*(\/?)>/y;
    end.lastIndex = i;
    const e = end.exec(doc);
    if (!e) fail(`malformed <${s![1]}> tag`);
    elements.push(s![1]!);
    if (e![1] !== "/") open.push(s![1]!);
    i = end.lastIndex;
  }
  if (open.length > 0) fail(`unclosed <${open.at(-1)}>`);
  if (elements.length === 0) fail("no root element");
  return elements;
}
