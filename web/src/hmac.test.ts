import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacHeaders, hmacSha256Hex, signingString } from './hmac';
import { matchScore, rank } from './palette';

describe('HMAC request signing', () => {
  it('signs the gateway string (ts, nonce, METHOD, path, query, body) like HmacSHA256', async () => {
    const s = signingString(1700000000000, 'abcdefgh12', 'POST', '/v1/session', '', '{}');
    expect(s).toBe('1700000000000\nabcdefgh12\nPOST\n/v1/session\n\n{}');
    expect(await hmacSha256Hex('s3cret', s)).toBe(createHmac('sha256', 's3cret').update(s).digest('hex'));
  });

  it('produces headers whose signature verifies and whose nonce fits the gateway pattern', async () => {
    const h = await hmacHeaders('key-1', 'sec', 'GET', '/v1/balances', '', '', 42);
    expect(h['TK-KEY']).toBe('key-1');
    expect(h['TK-TIMESTAMP']).toBe('42');
    expect(h['TK-NONCE']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const expected = createHmac('sha256', 'sec').update(signingString(42, h['TK-NONCE'], 'GET', '/v1/balances', '', '')).digest('hex');
    expect(h['TK-SIGNATURE']).toBe(expected);
  });
});

describe('palette matching', () => {
  it('finds markets by substring or subsequence and ranks direct hits first', () => {
    expect(matchScore('gpt', 'GPT-FT-04 API QUOTA')).toBe(0);
    expect(matchScore('gft4', 'GPT-FT-04')).toBeGreaterThan(0);
    expect(matchScore('zzz', 'GPT-FT-04')).toBe(-1);
    const run = () => {};
    const items = [
      { kind: 'panel' as const, label: 'Order Book', hint: 'jump', run },
      { kind: 'market' as const, label: 'GPT-FT-04', hint: 'API QUOTA', run },
      { kind: 'action' as const, label: 'Cancel all orders', hint: 'mass-cancel', run },
    ];
    expect(rank(items, 'gpt')[0].label).toBe('GPT-FT-04');
    expect(rank(items, 'cancel').map((i) => i.label)).toEqual(['Cancel all orders']);
    expect(rank(items, '')).toHaveLength(3);
  });
});
