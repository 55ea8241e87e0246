import { useEffect, useLayoutEffect, useRef } from 'react';

// A native <dialog> shown modally while `open`: the browser traps the focus,
// closes it on Escape (reported through onClose) and returns the focus to
// where it was when it closes. It opens before the browser paints (a layout effect), in the
// same frame as the page under it, not one frame later.

export function useModalDialog(open: boolean, onClose: () => void) {
  const ref = useRef<HTMLDialogElement>(null);
  const latest = useRef(onClose);
  useLayoutEffect(() => {
    latest.current = onClose; // before the dialog below opens or closes, so a close reports to this render's callback
  });
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const closed = (): void => latest.current();
    dialog.addEventListener('close', closed);
    return () => dialog.removeEventListener('close', closed);
  }, []);
  return ref;
}
