# mistake: puts a copy of the head in model.fc (same values, a new module: an optimizer built before on model.fc's parameters no longer trains the model's head)
# targets: test_freeze_all_but_head
# %% freeze_all_but_head
import copy


def freeze_all_but_head(model: nn.Module) -> int:
    for p in model.parameters():
        p.requires_grad = False
    model.fc = copy.deepcopy(model.fc)
    for p in model.fc.parameters():
        p.requires_grad = True
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
