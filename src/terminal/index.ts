/** The browser terminal. Import from client-side scripts only (xterm needs `document`). */
export { mountTerminal, type MountOptions, type MountedTerminal } from './mount-terminal.ts';
export { portFromXterm, type XtermLike } from './xterm-port.ts';
export { themeFromCss, DARK_THEME, LIGHT_THEME, cssVariableFor, contrastRatio, type TerminalTheme } from './theme.ts';
export { prefetchWhenIdle, whenQuiet, type Preloadable, type QuietTask } from './prefetch.ts';
