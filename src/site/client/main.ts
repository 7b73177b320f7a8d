// Entry point of the reference page's script (see browser-bundle.ts).
import { startReference } from './reference.js';

void startReference();
