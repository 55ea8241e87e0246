// @vitest-environment happy-dom
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { failOnConsoleErrors } from '../test-support/component-test';
import { CitedText } from './CitedText';
import { ReferencesPage } from './ReferencesPage';

failOnConsoleErrors();

describe('ReferencesPage', () => {
  it('lists each cited document and section with its line, under a heading per group', () => {
    render(<ReferencesPage target={null} />);
    expect(screen.getByRole('heading', { level: 1, name: 'References' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Back to the lab' }).getAttribute('href')).toBe('#/');
    const paper = screen.getByRole('region', { name: 'Perkins & Johnson' });
    expect(within(paper).getByText('Perkins & Johnson §4').nextElementSibling!.textContent).toMatch(/previous foreign agent forwards/);
    expect(within(paper).getByText('Perkins & Johnson §6–§8')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'RFC 2002' })).getByText('RFC 2002 §4.2.3')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'optim-08' })).getByText('optim-08 App. A')).toBeTruthy();
  });

  it('opens at the entry the address names, marked and scrolled into view', () => {
    const scroll = vi.fn();
    Element.prototype.scrollIntoView = scroll;
    render(<ReferencesPage target="rfc-2002-4-2-3" />);
    const entry = document.getElementById('rfc-2002-4-2-3')!;
    expect(entry.classList.contains('ref-target')).toBe(true);
    expect(scroll).toHaveBeenCalledTimes(1);
  });
});

describe('CitedText', () => {
  it('links each cited section to its entry, in a new tab, with the entry’s line as its title', () => {
    render(<p data-testid="t"><CitedText text="tunnelled by HA (triangle routing, RFC 2002 §4.2.3, §4; lab choice)" /></p>);
    expect(screen.getByTestId('t').textContent).toBe('tunnelled by HA (triangle routing, RFC 2002 §4.2.3, §4; lab choice)');
    const link = screen.getByRole('link', { name: 'RFC 2002 §4.2.3' });
    expect(link.getAttribute('href')).toBe('#/references/rfc-2002-4-2-3');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('title')).toMatch(/intercepts datagrams/);
    expect(screen.getByRole('link', { name: '§4' }).getAttribute('href')).toBe('#/references/rfc-2002-4');
  });
});
