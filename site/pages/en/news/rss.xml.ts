import type { APIContext } from 'astro';
import { newsFeed } from '../../../lib/feeds';

export const GET = (context: APIContext) => newsFeed('en', context.site!);
