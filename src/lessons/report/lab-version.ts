// The lab's version, as package.json gives it (a test keeps the two equal):
// a report says which lab made it. A build id is added by whoever knows it —
// the page from its build (VITE_LAB_BUILD), the command line from LAB_BUILD.

export const LAB_VERSION = '0.1.0';
