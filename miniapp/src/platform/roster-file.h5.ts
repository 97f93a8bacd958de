import type { RosterFile, RosterFilePlatform } from './roster-file-types';

export type { RosterFile, RosterFilePlatform } from './roster-file-types';

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

// The browser: a hidden file input, offering spreadsheets.
export const rosterFilePlatform: RosterFilePlatform = {
  pickLabel: '选择文件',
  pick() {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = ACCEPT;
      input.style.display = 'none';
      input.setAttribute('data-testid', 'import-file-input');
      const done = (file: File | undefined) => {
        input.remove();
        resolve(file ? ({ name: file.name, size: file.size, body: file } satisfies RosterFile) : null);
      };
      input.addEventListener('change', () => done(input.files?.[0]));
      input.addEventListener('cancel', () => done(undefined));
      document.body.appendChild(input);
      input.click();
    });
  },
};
