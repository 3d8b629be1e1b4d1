import type { QRCode as QrCode } from 'qrcode';
import type { QrMatrix } from '../../../shared/ipc/views';

/**
 * Loaded on first use: `qrcode` (with its PNG encoder) was a tenth of every CLI command's start-up,
 * and only the device flow draws one (bench cross-process-refresh starts 20 commands at once).
 */
async function encode(text: string): Promise<QrCode['modules']> {
  const { default: QRCode } = await import('qrcode');
  return QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
}

/**
 * The verification URL as a QR code's modules, drawn by the page as one SVG path (no image, no
 * data URL, nothing fetched) and by the CLI as text. Made with `qrcode` (soldair/node-qrcode), so
 * there is no home-made encoder. Level M: the usual balance of size and damage tolerance.
 */
export async function qrMatrix(text: string): Promise<QrMatrix> {
  const modules = await encode(text);
  const { size } = modules;
  let path = '';
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (modules.get(y, x) !== 1) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x) === 1) x++;
      path += `M${start} ${y}h${x - start}v1h-${x - start}z`;
    }
  }
  return { size, path };
}

/**
 * The same modules as text for a terminal: two rows per line with half blocks, dark modules as
 * spaces on a light field, inside the 4-module quiet zone a scanner needs (ISO/IEC 18004).
 */
export async function qrText(text: string): Promise<string> {
  const modules = await encode(text);
  const quiet = 4;
  const size = modules.size + quiet * 2;
  const dark = (x: number, y: number): boolean => {
    const mx = x - quiet;
    const my = y - quiet;
    return mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx) === 1;
  };
  const lines: string[] = [];
  for (let y = 0; y < size; y += 2) {
    let line = '';
    for (let x = 0; x < size; x++) {
      const top = !dark(x, y);
      const bottom = y + 1 < size && !dark(x, y + 1);
      line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }
    lines.push(line);
  }
  return lines.join('\n');
}
