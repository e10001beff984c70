import QRCode from 'qrcode';

/**
 * A Y4M video (YUV 4:2:0) of `text` as a QR code, black on white, centred with a wide
 * white quiet zone: Chromium plays it as a fake camera (`--use-file-for-fake-video-capture`)
 * and loops it. Written directly, no ffmpeg: a text header, then per frame `FRAME\n` and
 * the Y, U and V planes (U and V a flat 128, so the picture is grey-scale).
 */
export function qrY4m(
  text: string,
  { width = 640, height = 480, frames = 10 } = {},
): Buffer {
  const { size, data } = QRCode.create(text, {
    errorCorrectionLevel: 'M',
  }).modules;
  const quiet = 4;
  const modulePx = Math.floor(
    (Math.min(width, height) * 0.9) / (size + 2 * quiet),
  );
  if (modulePx < 2) {
    throw new Error(`QR of ${size} modules does not fit ${width}x${height}`);
  }
  const left = Math.floor((width - size * modulePx) / 2);
  const top = Math.floor((height - size * modulePx) / 2);

  const luma = Buffer.alloc(width * height, 255);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (!data[row * size + col]) continue;
      for (let y = 0; y < modulePx; y++) {
        const start =
          (top + row * modulePx + y) * width + left + col * modulePx;
        luma.fill(0, start, start + modulePx);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(
    `YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`,
  );
  return Buffer.concat([
    header,
    ...Array.from({ length: frames }, () => frame),
  ]);
}
