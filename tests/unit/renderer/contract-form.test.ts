// @vitest-environment happy-dom
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { ContractForm } from '../../../src/renderer/src/pages/contracts/contract-form';
import { DEMO_CONTRACTS } from '../../../src/renderer/src/lib/demo-contracts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  act(() => {
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const idInput = () => container.querySelector<HTMLInputElement>('input.mono')!;
const submit = () => container.querySelector<HTMLButtonElement>('button[type="submit"]')!;

describe('contract form', () => {
  test('a wrong contract id is explained beside the field as it is typed, and the form cannot be sent', async () => {
    const save = vi.fn(async () => ({}));
    act(() => root.render(createElement(ContractForm, { save, busy: false })));
    type(idInput(), 'CABC');
    const alert = container.querySelector('[role="alert"]');
    expect(alert?.textContent).toBe('The contract id must be 56 characters long, got 4.');
    expect(idInput().getAttribute('aria-invalid')).toBe('true');
    expect(idInput().getAttribute('aria-describedby')).toContain(alert!.id);
    expect(submit().disabled).toBe(true);
    await act(async () => container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    expect(save).not.toHaveBeenCalled();
  });

  test('a valid id clears the error and is sent', async () => {
    const save = vi.fn(async () => ({}));
    act(() => root.render(createElement(ContractForm, { save, busy: false })));
    type(idInput(), 'CABC');
    type(idInput(), DEMO_CONTRACTS[1].id);
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(submit().disabled).toBe(false);
    await act(async () => submit().click());
    expect(save).toHaveBeenCalledWith({ id: DEMO_CONTRACTS[1].id, name: '', eventTypes: '', startLedger: '' });
    expect(container.querySelector('[role="status"]')?.textContent).toBe(`Watching ${DEMO_CONTRACTS[1].id}.`);
  });
});
