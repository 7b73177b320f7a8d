// Entry point of the reference page's script (see browser-bundle.ts).
import { setupConsoles } from './console.js';
import { startReference } from './reference.js';

void startReference().then((page) => setupConsoles(page.data));
