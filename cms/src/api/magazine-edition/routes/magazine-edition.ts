import { publishedContentRouter } from '../../../published-router';

export default publishedContentRouter('api::magazine-edition.magazine-edition');
