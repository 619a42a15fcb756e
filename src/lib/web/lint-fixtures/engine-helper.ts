/** Server-side helper of the client-bundle fixture: importing the front door is allowed here (see client-widget.ts). */
import { describeCron } from '../../backup';

export const cronText = (cron: string): string => describeCron(cron);
