import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { shareLines } from './shares';
import type { CustodianShare } from './shares';

/** What a custodian's share file and printed sheet say. `text` is the secret share: only main writes it. */
export interface ShareFacts {
  text: string;
  share: CustodianShare;
  holder: string;
  archive: string;
  createdAt: string;
}

function describe(f: ShareFacts): string[] {
  return [
    `Set: ${f.share.setId}`,
    `Share ${f.share.index} of ${f.share.count}, ${f.share.threshold} needed`,
    `Holder: ${f.holder}`,
    `Archive: ${f.archive}`,
    `Made: ${f.createdAt.slice(0, 10)}`,
  ];
}

/** The share file a custodian keeps: who holds it, which set, and the share itself. */
export function shareFileText(f: ShareFacts): string {
  return [
    'Custos backup share: keep it apart from the archive and from the other shares.',
    ...describe(f),
    '',
    f.text,
    '',
  ].join('\n');
}

/** A printable A4 sheet: QR code of the share, the share in groups for typing, and a signature line. */
export async function shareSheetPdf(f: ShareFacts): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Custos backup share ${f.share.index} of ${f.share.count}`);
  doc.setCreator('Custos');
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  let y = 790;
  page.drawText('Custos backup share', { x: 56, y, size: 22, font: bold });
  y -= 34;
  for (const line of describe(f)) {
    page.drawText(line, { x: 56, y, size: 12, font });
    y -= 18;
  }
  const qr = await QRCode.toBuffer(f.text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
  const image = await doc.embedPng(qr);
  qr.fill(0);
  const side = 200;
  page.drawImage(image, { x: 56, y: y - side - 10, width: side, height: side });
  y -= side + 40;
  page.drawText('Share (type it exactly; letters A-Z and digits 2-7):', { x: 56, y, size: 11, font });
  y -= 24;
  for (const line of shareLines(f.text)) {
    page.drawText(line, { x: 56, y, size: 15, font: mono });
    y -= 22;
  }
  y -= 40;
  page.drawText(`Received by ${f.holder}:`, { x: 56, y, size: 12, font });
  page.drawLine({ start: { x: 200, y: y - 2 }, end: { x: 420, y: y - 2 }, thickness: 0.8, color: rgb(0, 0, 0) });
  page.drawText('Date:', { x: 430, y, size: 12, font });
  page.drawLine({ start: { x: 465, y: y - 2 }, end: { x: 540, y: y - 2 }, thickness: 0.8, color: rgb(0, 0, 0) });
  y -= 36;
  page.drawText(
    `No one holds enough alone: ${f.share.threshold} of the ${f.share.count} shares rebuild the key. Keep this sheet sealed.`,
    { x: 56, y, size: 10, font },
  );
  return doc.save();
}
