import type { APIContext } from 'astro';
import { newsFeed } from '../../lib/feeds';

export const GET = (context: APIContext) => newsFeed('sv', context.site!);
