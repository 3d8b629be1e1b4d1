import { useEffect, useState } from 'react';
import { storeAddress, type TokenStoreRecord } from '../../../../shared/stores/model';
import type { UiError } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Callout } from '../../components/Callout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { openDialog, toastError } from '../../stores/ui';
import { HandOverBar } from './HandOver';
import { StoreRows } from './StoreRows';
import {
  loadStores,
  reloadPage,
  removeStore,
  selectedStore,
  selectStore,
  setWritable,
  useStores,
} from './stores-store';
import './stores.css';

/**
 * The Stores tab: a server's token store (Zoho's SDK DBStore) read beside the workspace's tokens.
 * Support staff see which server holds which refresh token, for which user and client, expiring
 * when; a store is read-only until writes are allowed, and a hand-over names what it replaces.
 */
export function StoresPanel() {
  const loaded = useStores((s) => s.loaded);
  const stores = useStores((s) => s.stores);
  const store = useStores(selectedStore);
  useEffect(() => {
    void loadStores();
  }, []);
  if (!loaded) {
    return (
      <p className="panel-loading subtle" aria-busy="true">
        <span className="spinner" aria-hidden="true" /> Reading the token stores…
      </p>
    );
  }
  if (stores.length === 0 || store === null) return <NoStores />;
  return (
    <div className="stores">
      <div className="stores-head">
        <div className="stack" style={{ gap: 2 }}>
          <h2 className="stores-title">Token stores</h2>
          <span className="subtle">
            A server&apos;s Zoho SDK DBStore, its rows read as tokens beside yours
          </span>
        </div>
        <span className="spacer" />
        {stores.length > 1 && (
          <label className="row stores-pick">
            <span className="subtle">Store</span>
            <select
              className="input"
              value={store.id}
              onChange={(e) => {
                void selectStore(e.target.value);
              }}
            >
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <Button
          onClick={() => {
            openDialog({ kind: 'add-store' });
          }}
        >
          Add store…
        </Button>
      </div>
      <section className="card" aria-labelledby="store-name">
        <StoreHeader store={store} />
        <StoreBody store={store} />
      </section>
    </div>
  );
}

function StoreHeader({ store }: { store: TokenStoreRecord }) {
  const [asking, setAsking] = useState<'writes' | 'remove' | null>(null);
  const act = async (action: () => Promise<UiError | null>) => {
    setAsking(null);
    const error = await action();
    if (error !== null) toastError(error);
  };
  return (
    <header className="card-header stores-card-head">
      <div className="stack" style={{ gap: 2, minWidth: 0 }}>
        <div className="row">
          <h3 id="store-name" className="stores-name">
            {store.name}
          </h3>
          {store.writable ? <Badge tone="warn">writable</Badge> : <Badge tone="info">read-only</Badge>}
        </div>
        <code className="subtle stores-address">{storeAddress(store)}</code>
      </div>
      <span className="spacer" />
      <Button size="small" onClick={() => void reloadPage()}>
        Reload
      </Button>
      {store.writable ? (
        <Button size="small" onClick={() => void act(() => setWritable(store.id, false))}>
          Make read-only
        </Button>
      ) : (
        <Button
          size="small"
          onClick={() => {
            setAsking('writes');
          }}
        >
          Allow writes…
        </Button>
      )}
      <Button
        size="small"
        variant="danger"
        onClick={() => {
          setAsking('remove');
        }}
      >
        Remove…
      </Button>
      {asking === 'writes' && (
        <ConfirmDialog
          title={`Allow writes to ${store.name}?`}
          keepLabel="Keep it read-only"
          confirmLabel="Allow writes"
          onCancel={() => {
            setAsking(null);
          }}
          onConfirm={() => void act(() => setWritable(store.id, true))}
        >
          <p>
            A server reads its tokens from this table. With writes allowed, &ldquo;Hand this token to the
            store&rdquo; can replace a row, after a confirmation that names it.
          </p>
        </ConfirmDialog>
      )}
      {asking === 'remove' && (
        <ConfirmDialog
          title={`Remove ${store.name}?`}
          keepLabel="Keep it"
          confirmLabel="Remove"
          onCancel={() => {
            setAsking(null);
          }}
          onConfirm={() => void act(() => removeStore(store.id))}
        >
          <p>Tokenbench forgets the store and its password. The database and its rows are not touched.</p>
        </ConfirmDialog>
      )}
    </header>
  );
}

function StoreBody({ store }: { store: TokenStoreRecord }) {
  const error = useStores((s) => s.error);
  return (
    <div className="card-body stack stores-body">
      {error !== null && (
        <Callout tone="danger" title="Tokenbench could not read this store">
          <span className="stores-error" data-code={error.code}>
            {error.message}
          </span>
        </Callout>
      )}
      <HandOverBar store={store} />
      <StoreRows />
    </div>
  );
}

function NoStores() {
  return (
    <div className="card empty stores-empty">
      <h2>No token store yet</h2>
      <p className="muted">
        A server using Zoho&apos;s SDK keeps its tokens in a MySQL or MariaDB table (the SDK&apos;s DBStore:
        database <code>zohooauth</code>, table <code>oauthtoken</code>). Add it to see which server holds
        which refresh token, for which user, expiring when. Its refresh tokens count toward each user&apos;s
        20 in the limit guard.
      </p>
      <Button
        variant="primary"
        onClick={() => {
          openDialog({ kind: 'add-store' });
        }}
      >
        Add store…
      </Button>
    </div>
  );
}
