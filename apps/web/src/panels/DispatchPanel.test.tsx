import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { givenPicture } from '../testing/setup';
import { DispatchPanel } from './DispatchPanel';

describe('dispatching to an incident', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('suggests free units, the matching specialist first, with distance and arrival', () => {
    givenPicture('commander');
    render(<DispatchPanel incidentId="incident-1" />);
    const suggestions = screen.getAllByTestId('suggestion');
    expect(suggestions[0]!.dataset.unitId).toBe('squad-pump-truck');
    expect(suggestions[0]!.textContent).toMatch(/\d+(\.\d)? km · 约 \d+ 分钟/);
    expect(screen.getAllByTestId('assign-button')).toHaveLength(suggestions.length);
  });

  it('shows a viewer the suggestions but no assign control', () => {
    givenPicture('viewer');
    render(<DispatchPanel incidentId="incident-1" />);
    expect(screen.getAllByTestId('suggestion').length).toBeGreaterThan(0);
    expect(screen.queryByTestId('assign-button')).toBeNull();
    expect(screen.queryByTestId('resolve-button')).toBeNull();
  });

  it('gives a duty officer no assign control either', () => {
    givenPicture('duty');
    render(<DispatchPanel incidentId="incident-1" />);
    expect(screen.queryByTestId('assign-button')).toBeNull();
  });

  it("shows a 409 in the server's words, with the squad's state now", async () => {
    givenPicture('commander');
    const refusal = {
      error: { code: 'SQUAD_NOT_FREE', message: 'The squad is not free: it is en-route' },
    };
    // The HTTP client is what is under test here, not the server: answer as the server would.
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(refusal), { status: 409 })),
    );
    render(<DispatchPanel incidentId="incident-1" />);
    await act(async () => {
      fireEvent.click(screen.getAllByTestId('assign-button')[0]!);
    });
    await waitFor(() => screen.getByTestId('dispatch-error'));
    const error = screen.getByTestId('dispatch-error').textContent!;
    expect(error).toContain('The squad is not free: it is en-route');
    expect(error).toContain('移动泵车抢险队 当前状态：待命');
  });
});
