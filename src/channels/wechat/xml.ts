/**
 * @module channels/wechat/xml
 * Reads WeChat's flat `<xml>` documents into a field map and writes replies. Documents with a DOCTYPE or entity
 * declaration are refused outright, and the parser never expands entities, so no entity tricks reach it.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LawlineError, type ErrorCode } from '../../errors.js';

/** The body is not a WeChat XML document (or declares a DOCTYPE/ENTITY). */
export class WechatXmlError extends LawlineError {
  override name = 'WechatXmlError';
  readonly code: ErrorCode = 'wechat_xml';
}

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  ignoreAttributes: true,
  parseTagValue: false, // MsgId is 64-bit: keep every value a string
  trimValues: true,
});

const UNSAFE = /<!DOCTYPE|<!ENTITY/i;

/**
 * The top-level fields of `<xml>…</xml>` as strings (nested elements are dropped).
 * @example parseWechatXml(body).MsgType === 'text'
 */
export function parseWechatXml(body: string): Record<string, string> {
  if (UNSAFE.test(body)) throw new WechatXmlError('DOCTYPE and ENTITY declarations are not allowed');
  let doc: Record<string, unknown>;
  try {
    if (XMLValidator.validate(body) !== true) throw new WechatXmlError('body is not well-formed XML');
    doc = parser.parse(body) as Record<string, unknown>;
  } catch (error) {
    // The parser throws plain errors too (for example on deeply nested tags): they are bad input, not bugs.
    if (error instanceof WechatXmlError) throw error;
    throw new WechatXmlError(`body is not a WeChat XML document (${(error as Error).message})`);
  }
  const root = doc.xml;
  if (!root || typeof root !== 'object' || Array.isArray(root)) throw new WechatXmlError('root element <xml> is missing');
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(root)) {
    if (typeof value === 'string') fields[name] = value;
  }
  return fields;
}

/** Wraps a string in CDATA; `]]>` inside is split across two sections. */
function cdata(value: string): string {
  return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/**
 * Builds `<xml>` from fields; numbers are written bare (CreateTime, TimeStamp), strings as CDATA.
 * @example buildWechatXml({ ToUserName: openid, FromUserName: account, CreateTime: 1, MsgType: 'text', Content: '你好' })
 */
export function buildWechatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'number' ? String(value) : cdata(value)}</${name}>`)
    .join('');
  return `<xml>${body}</xml>`;
}
