// Tests of the one way the UI knows the terminal's size: read from Ink's stdout, followed on
// resize, and the frame a dashboard may take in it.
import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardFrame, useTerminalSize } from './terminal-size.js';

function Size(): React.JSX.Element {
  const { columns, rows } = useTerminalSize();
  return <Text>{`${columns}×${rows}`}</Text>;
}

afterEach(cleanup);

describe('useTerminalSize', () => {
  it("reads the stream's columns, takes 24 rows when the stream does not say, and follows a resize", async () => {
    const app = render(<Size />);
    expect(app.lastFrame()).toBe('100×24');
    Object.defineProperties(app.stdout, { columns: { value: 132 }, rows: { value: 40 } });
    app.stdout.emit('resize');
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.lastFrame()).toBe('132×40');
  });
});

describe('dashboardFrame', () => {
  it('takes the whole width, and the rows less the cursor line, one above and what is drawn below', () => {
    expect(dashboardFrame({ columns: 100, rows: 32 })).toEqual({ width: 100, height: 30 });
    expect(dashboardFrame({ columns: 80, rows: 24 }, 2)).toEqual({ width: 80, height: 20 });
    expect(dashboardFrame({ columns: 80, rows: 10 })).toEqual({ width: 80, height: 12 });
  });
});
