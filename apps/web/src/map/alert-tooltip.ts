import L from 'leaflet';
import { LABEL_HEIGHT, labelWidth } from './canvas-label';

/** map.css gives an alarm label a 1 px border round a 16 px line. */
const BORDER = 1;

/**
 * A Leaflet tooltip that places itself without asking the page for its size. Leaflet's own reads
 * `offsetWidth` and `offsetHeight` each time it places one — after every zoom, for every alarm
 * label on the map, each read a layout forced by the write before it (`_setPosition` in the map
 * bench's profile). An alarm label's size is known: one line of map.css's box, the text's width
 * measured on a canvas (only a label to the left needs it).
 */
export class AlertTooltip extends L.Tooltip {
  _setPosition(pos: L.Point): void {
    const self = this as unknown as {
      _container: HTMLElement;
      _getAnchor(): L.Point;
      _content: unknown;
    };
    const container = self._container;
    const left = this.options.direction === 'left';
    const height = LABEL_HEIGHT + 2 * BORDER;
    const width = left ? labelWidth(String(self._content), 'alert') + 2 * BORDER : 0;
    const at = pos
      .subtract(L.point(width, height / 2, true))
      .add(L.point(this.options.offset ?? [0, 0]))
      .add(self._getAnchor());
    container.classList.toggle('leaflet-tooltip-left', left);
    container.classList.toggle('leaflet-tooltip-right', !left);
    L.DomUtil.setPosition(container, at);
  }
}
