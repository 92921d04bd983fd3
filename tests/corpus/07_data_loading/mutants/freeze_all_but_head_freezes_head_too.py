# mistake: freezes the whole model, head included
# targets: test_freeze_all_but_head
# %% freeze_all_but_head
def freeze_all_but_head(model: nn.Module) -> int:
    for p in model.parameters():
        p.requires_grad = False
    return sum(p.numel() for p in model.fc.parameters())
