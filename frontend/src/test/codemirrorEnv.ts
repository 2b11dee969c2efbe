/**
 * What CodeMirror measures that jsdom does not lay out (client rects of text ranges), stubbed
 * so an editor can mount in a unit test.
 */
export function installCodeMirrorEnv(): void {
  const empty = () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  const rect = () => ({ x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) }) as DOMRect;
  Range.prototype.getClientRects ??= empty;
  Range.prototype.getBoundingClientRect ??= rect;
}
