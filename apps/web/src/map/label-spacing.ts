/**
 * Moves the district map's 街镇 names apart where they would run into each other. Their places
 * are each 街镇's own point, and at district zoom two small neighbours' names (Fenglin Rd and
 * Xietu Rd in English on a laptop) can overlap: one name, read over another, reads as neither.
 * Measured after a zoom, a resize or a change of language (13 names: a handful of reads), each
 * name in turn is pushed right or down, whichever is the shorter way clear of those already
 * placed.
 */
export function spaceLabels(spans: HTMLElement[]): void {
  for (const span of spans) span.style.translate = '';
  const placed: DOMRect[] = [];
  const boxes = spans
    .map((span) => ({ span, box: span.getBoundingClientRect() }))
    .sort((a, b) => a.box.left - b.box.left || a.box.top - b.box.top);
  for (const { span, box } of boxes) {
    let dx = 0;
    let dy = 0;
    for (let tries = 0; tries < placed.length; tries += 1) {
      const moved = new DOMRect(box.x + dx, box.y + dy, box.width, box.height);
      const hit = placed.find((other) => overlap(moved, other));
      if (!hit) break;
      const right = hit.right - moved.left + GAP_PX;
      const down = hit.bottom - moved.top + GAP_PX;
      if (right <= down) dx += right;
      else dy += down;
    }
    if (dx !== 0 || dy !== 0) span.style.translate = `${dx}px ${dy}px`;
    placed.push(new DOMRect(box.x + dx, box.y + dy, box.width, box.height));
  }
}

const GAP_PX = 2;

function overlap(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
