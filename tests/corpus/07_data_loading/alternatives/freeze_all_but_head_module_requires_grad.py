# why: Module.requires_grad_ on the whole model and then on the head; counts the head's elements
# %% freeze_all_but_head
def freeze_all_but_head(model: nn.Module) -> int:
    model.requires_grad_(False)
    model.fc.requires_grad_(True)
    return sum(p.numel() for p in model.fc.parameters())
