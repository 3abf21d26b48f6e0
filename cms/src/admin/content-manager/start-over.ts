import { unstable_useDocument as useDocument, useForm } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

/**
 * The Content Manager's form beside a side panel holds the document as it was loaded. When a
 * panel's action changes the document on the server (a campaign sent, a block lifted, a
 * subscription's status changed), `startOver` reads it again and the form starts over from it:
 * otherwise the form would still show the old values, and a save of it be refused, or put back
 * what the action changed. `document` is the document as last read.
 */
export function useStartOver(model: string, documentId: string | undefined, formName: string) {
  const stored = useDocument({ documentId, model, collectionType: 'collection-types' });
  const resetForm = useForm(formName, (s) => s.resetForm);
  // The document as it was when the action ran; the new read is a different object.
  const [before, setBefore] = useState<{ document: unknown }>();
  const { document, getInitialFormValues } = stored;
  useEffect(() => {
    if (!before || document === before.document) return;
    const values = getInitialFormValues();
    if (values) resetForm(values);
    setBefore(undefined);
  }, [before, document, getInitialFormValues, resetForm]);
  const { refetch } = stored;
  const startOver = useCallback(() => {
    setBefore({ document });
    void refetch();
  }, [document, refetch]);
  return { document, startOver };
}
