import { describe, expect, it } from 'vitest';
import { parseStartAnswers, START_READS, startAnswersText } from '../../shared/ipc/start-answers';

describe('the start answers a page carries', () => {
  const answers = {
    'dcs:list': { ok: true, value: [] },
    'clients:list': { ok: false, code: 'workspace_unavailable', message: 'The store is locked.' },
    'environments:list': { ok: true, value: [{ name: '</script><!-- a' }] },
  } as const;

  it('read back as written, failures included, with no "<" left in the text', () => {
    const text = startAnswersText(answers);
    expect(text).not.toContain('<');
    const read = parseStartAnswers(text);
    expect([...read.keys()]).toEqual([...START_READS]);
    expect(Object.fromEntries(read)).toEqual(answers);
  });

  it.each([
    ['no element', null],
    ['text that is not JSON', '{"dcs:list":'],
    ['an array', '[]'],
    ['null', 'null'],
  ])('are none for %s, so the page asks over the connection', (_, text) => {
    expect(parseStartAnswers(text).size).toBe(0);
  });

  it('keep only start reads that look like results', () => {
    const read = parseStartAnswers(
      JSON.stringify({
        'dcs:list': { ok: true, value: [] },
        'secrets:reveal': { ok: true, value: 'x' },
        'clients:list': { value: [] },
        'environments:list': 'yes',
      }),
    );
    expect([...read.keys()]).toEqual(['dcs:list']);
  });
});
