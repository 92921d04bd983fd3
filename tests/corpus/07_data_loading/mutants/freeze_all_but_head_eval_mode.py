# mistake: also switches the model to eval mode ("frozen"), which the training loop decides
# targets: test_freeze_all_but_head
# %% freeze_all_but_head
def freeze_all_but_head(model: nn.Module) -> int:
    model.requires_grad_(False)
    model.fc.requires_grad_(True)
    model.eval()
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
