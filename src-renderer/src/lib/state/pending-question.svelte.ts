// A question the window puts to the user before it does something that cannot be undone (throwing away a
// case's unsaved changes). The state asks and awaits the answer; the view shows `current` as a modal
// dialog and answers it. One question at a time: asking again answers the earlier one "cancel".

export interface Question {
  title: string;
  message: string;
  /** The button that goes ahead, saying what it does ("Discard and open…"). */
  confirmLabel: string;
  /** When set, a button that saves first and then goes ahead. */
  saveLabel?: string;
}

export type Answer = 'confirm' | 'save' | 'cancel';

export class PendingQuestion {
  current = $state.raw<Question | null>(null);
  private resolve: ((answer: Answer) => void) | null = null;

  ask(question: Question): Promise<Answer> {
    this.answer('cancel');
    this.current = question;
    return new Promise((resolve) => (this.resolve = resolve));
  }

  answer(answer: Answer): void {
    const resolve = this.resolve;
    this.resolve = null;
    this.current = null;
    resolve?.(answer);
  }
}
