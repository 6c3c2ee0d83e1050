import { GraphQLError, Kind, type ASTVisitor, type ValidationContext } from 'graphql';

/** Refuses documents nested deeper than `maxDepth` fields (a cheap guard against abusive queries). */
export function depthLimit(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    let depth = 0;
    return {
      Field: {
        enter(node) {
          depth += 1;
          if (depth > maxDepth && !node.name.value.startsWith('__')) {
            // Apollo answers validation errors with 400 GRAPHQL_VALIDATION_FAILED
            context.reportError(new GraphQLError(`Query is nested deeper than ${maxDepth} levels`, { nodes: [node] }));
          }
        },
        leave() {
          depth -= 1;
        },
      },
      [Kind.FRAGMENT_DEFINITION]: { enter: () => undefined },
    };
  };
}
