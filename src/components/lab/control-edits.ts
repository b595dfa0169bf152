/**
 * The new file texts when the learner picks a value in one of the lab's controls (controls.ts): main.cf
 * as `postconf -e name=value` writes it, master.cf by text edits (master-services.ts). DOM-free and pure.
 * The lab page's panel fetches this with its first change (config-panel.ts); rendering needs none of it.
 */
import { MainCf } from '../../engine/config/main-cf.ts';
import { assertNever } from '../../engine/util/assert-never.ts';
import type { ChoiceControl, LabFiles, ServiceControl } from './controls.ts';
import { disableService, enableService, setServiceParam } from './master-services.ts';

/** The files after the learner picks `value` (one of the control's choices; anything else changes nothing). */
export function applyChoice(control: ChoiceControl, value: string, files: LabFiles): LabFiles {
  if (!control.choices.includes(value)) return files;
  switch (control.kind) {
    case 'main':
      return { ...files, main: MainCf.parse(files.main).withSettings([[control.param, value]]) };
    case 'service-param':
      return { ...files, master: setServiceParam(files.master, control.service, control.param, value) };
    default:
      return assertNever(control);
  }
}

export function applyService(control: ServiceControl, on: boolean, files: LabFiles): LabFiles {
  const master = on ? enableService(files.master, control.service) : disableService(files.master, control.service);
  return master === files.master ? files : { ...files, master };
}
