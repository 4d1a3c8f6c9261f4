import { useMemo, useState } from 'react';
import { nameIn, type MessageKey } from '../i18n/translate';
import { useLanguage } from '../i18n/use-language';
import { focusMap, select } from '../store/actions';
import { useStore } from '../store/store';

interface Place {
  key: string;
  name: string;
  nameEn: string;
  kindKey: MessageKey;
  lat: number;
  lng: number;
  assetId: string | null;
}

const MAX_RESULTS = 8;
export const SEARCH_INPUT_ID = 'place-search';

/** Find an asset or a place by name (either language) or id; `/` jumps here. */
export function Search() {
  const { language, t } = useLanguage();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const geography = useStore((store) => store.geography);
  // Assets are registered rarely: follow their count, not every folded batch.
  const assetCount = useStore((store) =>
    store.picture.state ? Object.keys(store.picture.state.assets).length : 0,
  );

  const places = useMemo(() => {
    const list: Place[] = [];
    for (const feature of geography?.jiezhen.features ?? []) {
      const p = feature.properties;
      list.push({
        key: p.code,
        name: p.name,
        nameEn: p.nameEn,
        kindKey: 'kind.jiezhen',
        lat: p.labelLat,
        lng: p.labelLng,
        assetId: null,
      });
    }
    const assets = assetCount > 0 ? useStore.getState().picture.state?.assets : undefined;
    for (const asset of Object.values(assets ?? {})) {
      list.push({
        key: asset.id,
        name: asset.name,
        nameEn: asset.nameEn,
        kindKey: `kind.${asset.kind}` as const,
        lat: asset.lat,
        lng: asset.lng,
        assetId: asset.id,
      });
    }
    return list;
  }, [geography, assetCount]);

  const results = useMemo(() => {
    const needle = query.trim().toLowerCase();
    if (!needle) return [];
    return places
      .filter((place) =>
        [place.name, place.nameEn, place.key].some((text) => text.toLowerCase().includes(needle)),
      )
      .slice(0, MAX_RESULTS);
  }, [places, query]);

  function choose(place: Place) {
    focusMap(place.lat, place.lng, place.assetId ? 16 : 15);
    if (place.assetId) select({ kind: 'asset', id: place.assetId });
    setQuery('');
    setOpen(false);
  }

  return (
    <div className="search">
      <input
        id={SEARCH_INPUT_ID}
        data-testid="search"
        type="search"
        placeholder={t('top.search')}
        aria-label={t('top.search')}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && results[0]) choose(results[0]);
          if (event.key === 'Escape') {
            setQuery('');
            event.currentTarget.blur();
          }
        }}
      />
      {open && results.length > 0 && (
        <ul className="search-results" role="listbox">
          {results.map((place) => (
            <li
              key={place.key}
              role="option"
              aria-selected={false}
              onMouseDown={() => choose(place)}
            >
              <span>{nameIn(language, place)}</span>
              <small>{t(place.kindKey)}</small>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
