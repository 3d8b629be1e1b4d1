import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasUnsafeCharacters, visible, visibleLines, visibleText } from '../../shared/text/visible';

/** Any UTF-16 unit (lone surrogates too), often one of the characters that matter here. */
const codeUnit = fc.oneof(
  fc.constantFrom(
    '\u001b',
    '\u202e',
    '\u2066',
    '\n',
    '\r',
    '\u009b',
    '\u200b',
    '"',
    '\\',
    '\udb40',
    '\udc41',
  ),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
);

describe('visible', () => {
  it('escapes controls, bidi overrides and invisible characters as \\uXXXX', () => {
    expect(visible('a\u001b]0;t\u0007b')).toBe('a\\u001b]0;t\\u0007b');
    expect(visible('\u202egnp.exe\u202c \u2066x\u2069 \u200e\u200f\u061c')).toBe(
      '\\u202egnp.exe\\u202c \\u2066x\\u2069 \\u200e\\u200f\\u061c',
    );
    expect(visible('\r\n\t\u009b\u200b\ufeff\u2028')).toBe(
      '\\u000d\\u000a\\u0009\\u009b\\u200b\\ufeff\\u2028',
    );
    expect(visible('tag\u{e0041}')).toBe('tag\\udb40\\udc41');
    expect(visible('Zoho CRM – München, 東京, مرحبا, 1000.abc')).toBe(
      'Zoho CRM – München, 東京, مرحبا, 1000.abc',
    );
  });

  it('keeps line breaks in visibleLines and white space in visibleText', () => {
    expect(visibleLines('one\u001b[2J\ntwo\r')).toBe('one\\u001b[2J\ntwo\\u000d');
    expect(visibleText('a\tb\nc\r\u202e')).toBe('a\tb\nc\r\\u202e');
  });

  it('leaves nothing unsafe, is idempotent, and inside JSON means the same characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit }), (text) => {
        const shown = visible(text);
        expect(hasUnsafeCharacters(shown)).toBe(false);
        expect(visible(shown)).toBe(shown);
        expect(JSON.parse(visibleLines(JSON.stringify(text)))).toBe(text);
      }),
    );
  });
});
