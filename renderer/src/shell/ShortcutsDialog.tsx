import { Dialog } from '../components/Dialog';
import { openDialog } from '../stores/ui';
import { SHORTCUTS } from './shortcuts';

/** The `?` overlay: every keyboard shortcut, by where it works. */
export function ShortcutsDialog() {
  return (
    <Dialog
      title="Keyboard shortcuts"
      onClose={() => {
        openDialog(null);
      }}
    >
      <div className="shortcuts">
        {SHORTCUTS.map((group) => (
          <section key={group.where} aria-labelledby={`shortcuts-${group.where}`}>
            <h3 id={`shortcuts-${group.where}`} className="shortcuts-where">
              {group.where}
            </h3>
            <dl className="shortcuts-list">
              {group.shortcuts.map((s) => (
                <div key={s.does} className="shortcuts-row">
                  <dt>
                    {s.keys.map((combo, i) => (
                      <span key={combo.join('+')}>
                        {i > 0 && <span className="shortcuts-or"> or </span>}
                        {combo.map((k, j) => (
                          <span key={k}>
                            {j > 0 && <span className="shortcuts-plus">+</span>}
                            <kbd>{k}</kbd>
                          </span>
                        ))}
                      </span>
                    ))}
                  </dt>
                  <dd>{s.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
