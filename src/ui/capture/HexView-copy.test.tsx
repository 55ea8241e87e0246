// @vitest-environment happy-dom
// The hex view's copies read back in the decoders: the "Copy as hex" button,
// and a selection copied with the keyboard or the menu — which used to carry
// the screen-reader labels ("byte 0: 45byte 1: 00…") that the decoder refuses.

import { act, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseHexInput } from '../../engine/wire/hex';
import { HexView } from '../inspector/HexView';

const BYTES = Uint8Array.from({ length: 20 }, (_, i) => 0x40 + i);

afterEach(() => vi.restoreAllMocks());

describe('copying from the hex view', () => {
  it('Copy as hex puts the whole packet on the clipboard as decodable hex', async () => {
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<HexView bytes={BYTES} highlight={null} onPickByte={() => undefined} />);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy as hex' }));
    });
    expect(writeText).toHaveBeenCalledTimes(1);
    const text = (writeText.mock.calls[0] as unknown as [string])[0];
    const back = parseHexInput(text);
    expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(BYTES));
    expect(screen.getByText('Copied 20 octets as hex.')).toBeTruthy();
  });

  it('a selected stretch of bytes copies as those octets, without the labels', () => {
    const { container } = render(<HexView bytes={BYTES} highlight={null} onPickByte={() => undefined} />);
    const from = container.querySelector('[data-offset="2"]')!;
    const to = container.querySelector('[data-offset="17"]')!;
    const range = document.createRange();
    range.setStartBefore(from);
    range.setEndAfter(to);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    const setData = vi.fn();
    const event = new Event('copy', { bubbles: true, cancelable: true });
    Object.defineProperty(event, 'clipboardData', { value: { setData } });
    container.querySelector('.hex-view')!.dispatchEvent(event);
    expect(setData).toHaveBeenCalledWith('text/plain', '42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f 50 51');
    expect(event.defaultPrevented).toBe(true);
  });
});
