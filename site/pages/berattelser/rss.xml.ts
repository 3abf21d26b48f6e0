import type { APIContext } from 'astro';
import { storiesFeed } from '../../lib/feeds';

export const GET = (context: APIContext) => storiesFeed('sv', context.site!);
