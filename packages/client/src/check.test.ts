import { describe, expect, it } from 'vitest';
import { need, needString } from './check.js';

describe('argument checks', () => {
  it('throw a TypeError with the message, and only for bad input', () => {
    expect(() => need(0, 'x: required')).toThrow(new TypeError('x: required'));
    expect(() => need({}, 'x: required')).not.toThrow();
    for (const bad of ['', undefined, 1, {}]) expect(() => needString(bad, 'ak: must be a string')).toThrow(TypeError);
    expect(() => needString('a', 'ak: must be a string')).not.toThrow();
  });
});
