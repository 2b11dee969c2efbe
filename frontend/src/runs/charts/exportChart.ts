/**
 * Saving a chart as a file: its SVG as drawn (made standalone: namespace, size, white
 * background, title, font), or that SVG rasterised at twice the size as a PNG.
 */
import { FONT } from './theme';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A standalone SVG document of the chart `svg`, titled `title`. */
export function svgDocument(svg: SVGSVGElement, title: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const width = svg.width.baseVal.value || svg.clientWidth;
  const height = svg.height.baseVal.value || svg.clientHeight;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('font-family', FONT);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.insertBefore(background, clone.firstChild);
  const caption = document.createElementNS(SVG_NS, 'title');
  caption.textContent = title;
  clone.insertBefore(caption, clone.firstChild);
  return new XMLSerializer().serializeToString(clone);
}

/** A file name from a chart title: "ROC curve (scored)" → "roc-curve-scored". */
export function fileStem(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function saveSvg(svg: SVGSVGElement, title: string): void {
  save(new Blob([svgDocument(svg, title)], { type: 'image/svg+xml' }), `${fileStem(title)}.svg`);
}

export async function savePng(svg: SVGSVGElement, title: string, scale = 2): Promise<void> {
  const markup = svgDocument(svg, title);
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.width * scale);
    canvas.height = Math.ceil(image.height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw images.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The chart could not be saved as PNG.');
    save(blob, `${fileStem(title)}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
