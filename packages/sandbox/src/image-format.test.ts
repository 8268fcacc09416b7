import { describe, expect, it } from 'vitest';
import { classify } from './image-format.js';

const pad = (b: Buffer, n = 512) => Buffer.concat([b, Buffer.alloc(Math.max(0, n - b.length))]);

describe('classify', () => {
  it('recognises qcow2, VMDK, VHDX, VHD (head or footer) and ISO', () => {
    expect(classify(pad(Buffer.from([0x51, 0x46, 0x49, 0xfb])), Buffer.alloc(0))).toBe('qcow2');
    expect(classify(pad(Buffer.from('KDMV')), Buffer.alloc(0))).toBe('vmdk');
    expect(classify(pad(Buffer.from('# Disk DescriptorFile\nversion=1')), Buffer.alloc(0))).toBe('vmdk');
    expect(classify(pad(Buffer.from('vhdxfile')), Buffer.alloc(0))).toBe('vhdx');
    expect(classify(pad(Buffer.alloc(0)), pad(Buffer.from('conectix')))).toBe('vhd');
    expect(classify(pad(Buffer.from('conectix')), Buffer.alloc(0))).toBe('vhd');
    expect(classify(pad(Buffer.alloc(0)), Buffer.alloc(0), Buffer.from('\x01CD001', 'latin1'))).toBe('iso');
  });
  it('leaves anything else alone (a RAW disk, a near miss)', () => {
    const mbr = Buffer.alloc(512);
    mbr[510] = 0x55;
    mbr[511] = 0xaa;
    expect(classify(mbr, mbr)).toBeUndefined();
    expect(classify(pad(Buffer.from([0x51, 0x46, 0x49, 0xfa])), Buffer.alloc(0))).toBeUndefined();
    expect(classify(Buffer.alloc(0), Buffer.alloc(0))).toBeUndefined();
  });
});
