// @vitest-environment happy-dom
// Choosing a scenario (docs/architecture.md "UI") through the lead's open-scenario.ts, with
// the runtime factory replaced by a fake (no workers in happy-dom). A bad
// file is refused with what is wrong and where, and the running scenario stays.

import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LoadProblem } from '../app/LoadProblem';
import { useLab } from '../store/lab-store';
import { ScenarioPicker } from './ScenarioPicker';
import { failOnConsoleErrors, resetLabStore } from '../test-support/component-test';

vi.mock('../../runtime/create-lab-runtime', async () => {
  const { fakeRuntime } = await import('./test-support/fake-runtime');
  return { createLabRuntime: fakeRuntime, prestartWorkers: () => undefined };
});

failOnConsoleErrors();
beforeEach(() => {
  resetLabStore();
});

async function choose(title: string): Promise<void> {
  await act(async () => {
    const select = screen.getByRole('combobox', { name: 'Scenario' });
    const option = within(select).getByRole('option', { name: title }) as HTMLOptionElement;
    fireEvent.change(select, { target: { value: option.value } });
    await vi.dynamicImportSettled(); // the opener's code loads with the first run (app/run-opener.ts)
  });
}

async function upload(name: string, text: string): Promise<void> {
  await act(async () => {
    fireEvent.change(screen.getByLabelText('Scenario file'), { target: { files: [new File([text], name, { type: 'application/json' })] } });
    await vi.dynamicImportSettled();
  });
}

describe('ScenarioPicker', () => {
  it('opens a built-in scenario by its title and shows its description', async () => {
    render(<ScenarioPicker />);
    await choose('Smooth handoff');
    expect(useLab.getState().scenarioId).toBe('smooth-handoff');
    expect(useLab.getState().runtime?.scenario.title).toBe('Smooth handoff');
    fireEvent.click(screen.getByText('About this scenario'));
    expect(screen.queryByText(/Previous Foreign Agent Notification|previous foreign agent/i)).not.toBeNull();
  });

  it('refuses a file that is not JSON, says where, and keeps the scenario that was running', async () => {
    render(<><LoadProblem /><ScenarioPicker /></>);
    await choose('Route optimization');
    await upload('broken.json', '{\n  "format": "route-optimization-lab/scenario@1",\n  "title": \n}');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('The file "broken.json" cannot be opened');
    expect(alert.textContent).toMatch(/line 4, column 1: not valid JSON/);
    expect(screen.getByRole('status').textContent).toContain('"broken.json" was not opened');
    expect(screen.getByRole('status').textContent).toContain('"Route optimization" is still loaded');
    expect(useLab.getState().scenarioId).toBe('route-optimization');
  });

  it('names every missing field of a file that is JSON but not a scenario', async () => {
    render(<><LoadProblem /><ScenarioPicker /></>);
    await upload('empty.json', '{ "format": "route-optimization-lab/scenario@1", "title": "Mine" }');
    const text = screen.getByRole('alert').textContent!;
    for (const field of ['description', 'durationS', 'links', 'nodes']) expect(text).toContain(field);
    expect(useLab.getState().scenarioId).toBeNull();
  });

  it('opens a valid scenario file under its file name', async () => {
    const { BUILTIN_SCENARIOS } = await import('../../scenarios/builtin');
    render(<ScenarioPicker />);
    await upload('mine.json', JSON.stringify(BUILTIN_SCENARIOS.find((s) => s.id === 'triangle-routing')!.data));
    expect(useLab.getState().scenarioId).toBe('file:mine.json');
    expect(within(screen.getByRole('combobox', { name: 'Scenario' })).queryByRole('option', { name: 'Your file: mine.json' })).not.toBeNull();
  });
});
