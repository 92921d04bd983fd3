# why: sets every optimized parameter's .grad to None by hand, zero_grad's own default behaviour
# %% train_step
def train_step(model: nn.Module, optimizer: optim.Optimizer, loss_fn, x: torch.Tensor, y: torch.Tensor) -> float:
    for group in optimizer.param_groups:
        for p in group["params"]:
            p.grad = None
    prediction = model(x)
    loss = loss_fn(prediction, y)
    loss.backward()
    optimizer.step()
    return loss.item()
