import { describe, it, expect } from 'vitest';
import {
  buildRequestMessage,
  buildResponseMessage,
  readRequestMessage,
  readResponseMessage,
} from '../../../src-main/services/kmip/messages';
import { Tag } from '../../../src-main/services/kmip/spec';
import {
  decodeTtlv,
  encodeTtlv,
  fillTemplate,
  readKmipJsonTemplate,
  readKmipXmlTemplates,
  templateMismatch,
  ttlvEqual,
  writeKmipJson,
  writeKmipXml,
  writeKmipXmlDocument,
  type TemplateNode,
} from '../../../src-main/services/kmip/ttlv';
import { fixturePlaceholderValue, oasisTestCaseFiles } from './fixtures';

const FILES = oasisTestCaseFiles();
const CASES = FILES.map((file) => [file.name, file.text] as const);

function fill(template: TemplateNode): ReturnType<typeof fillTemplate> {
  return fillTemplate(template, fixturePlaceholderValue);
}

describe('OASIS KMIP 1.0-1.3 profile test cases (KMIP XML encoding)', () => {
  it('are all here: 273 files from four KMIP versions', () => {
    expect(FILES).toHaveLength(273);
    const versions = new Set(FILES.map((file) => file.name.slice(0, 4)));
    expect([...versions]).toEqual(['v1.0', 'v1.1', 'v1.2', 'v1.3']);
  });

  it.each(CASES)('%s: every message parses, with every tag, enumeration and mask name known', (_name, text) => {
    const messages = readKmipXmlTemplates(text);
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.length).toBe(text.match(/<(RequestMessage|ResponseMessage)>/g)?.length);
    for (const message of messages) expect([Tag.RequestMessage, Tag.ResponseMessage]).toContain(message.tag);
  });

  it.each(CASES)('%s: XML -> tree -> TTLV -> tree -> XML loses nothing but placeholder values', (_name, text) => {
    for (const template of readKmipXmlTemplates(text)) {
      const decoded = decodeTtlv(encodeTtlv(fill(template)));
      const [reread] = readKmipXmlTemplates(writeKmipXml(decoded));
      if (reread === undefined) throw new Error('nothing read back');
      // A placeholder in the original matches whatever value stood in for it.
      expect(templateMismatch(reread, template)).toBeUndefined();
    }
  });

  it.each(CASES)('%s: the written document reads back equal, placeholders included', (_name, text) => {
    const templates = readKmipXmlTemplates(text);
    const reread = readKmipXmlTemplates(writeKmipXmlDocument(templates));
    expect(reread).toHaveLength(templates.length);
    reread.forEach((node, i) => {
      const original = templates[i];
      expect(original !== undefined && ttlvEqual(node, original)).toBe(true);
    });
  });

  it.each(CASES)('%s: the KMIP JSON encoding carries every message too', (_name, text) => {
    for (const template of readKmipXmlTemplates(text)) {
      expect(templateMismatch(readKmipJsonTemplate(writeKmipJson(template)), template)).toBeUndefined();
    }
  });

  it.each(CASES)('%s: every message reads as a typed request or response and builds back the same', (_name, text) => {
    for (const template of readKmipXmlTemplates(text)) {
      const message = fill(template);
      const rebuilt =
        message.tag === Tag.RequestMessage
          ? buildRequestMessage(readRequestMessage(message))
          : buildResponseMessage(readResponseMessage(message));
      expect(templateMismatch(rebuilt, message)).toBeUndefined();
    }
  });
});
