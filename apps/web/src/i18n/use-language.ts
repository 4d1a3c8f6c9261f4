import { useMemo } from 'react';
import { useStore } from '../store/store';
import { translator, type Language, type Translate } from './translate';

/** The current language and its translator; components re-render when the language changes. */
export function useLanguage(): { language: Language; t: Translate } {
  const language = useStore((store) => store.ui.language);
  const t = useMemo(() => translator(language), [language]);
  return { language, t };
}
