import { Arg, Args, ArgsType, Authorized, Ctx, Field, Mutation, Query, Resolver } from 'type-graphql';
import { IsOptional, ValidateNested } from 'class-validator';
import { connectionTypes, Role, type SubgraphContext, PageArgs } from '@ultramarket/kit';
import { User } from './user.entity';
import { UpdateProfileInput, UsersFilter } from './user.inputs';
import { UpdateProfilePayload } from './user.payloads';
import { listUsers, loadUser } from './user-queries';
import { updateProfile } from './update-profile';

export const UserConnection = connectionTypes(User, 'User');

@ArgsType()
class UsersArgs extends PageArgs {
  @IsOptional()
  @ValidateNested()
  @Field(() => UsersFilter, { nullable: true, description: 'Conditions every user must meet.' })
  filter?: UsersFilter;
}

@Resolver(() => User)
export class UserResolver {
  @Authorized()
  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  me(@Ctx() context: SubgraphContext): Promise<User | null> {
    return loadUser(context, context.caller.userId!);
  }

  @Authorized(Role.PLATFORM_ADMIN)
  @Query(() => UserConnection, { description: 'Every user, newest first (platform admins only).' })
  users(@Args() args: UsersArgs, @Ctx() context: SubgraphContext) {
    return listUsers(context, args);
  }

  @Authorized()
  @Mutation(() => UpdateProfilePayload, { description: "Changes the signed-in user's name." })
  updateProfile(@Arg('input', { description: 'The new names.' }) input: UpdateProfileInput, @Ctx() context: SubgraphContext) {
    return updateProfile(context, input);
  }
}
